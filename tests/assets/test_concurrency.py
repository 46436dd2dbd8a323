"""Two processes on one registry: the second writer waits briefly, then hears 'busy'."""
import subprocess
import sys
import textwrap
import time

import pytest

from assets.errors import RegistryBusy
from assets.registry import Registry

X, Y = 523800.0, 4461760.0

HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from assets.registry import Registry
    reg = Registry.open(sys.argv[1])
    with reg._transaction("hold") as tx:
        reg.conn.execute("UPDATE xiucity_meta SET value = value WHERE key = 'crs'")
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    print("released", flush=True)
""")

ADD_MANY = textwrap.dedent("""
    import sys
    from assets.registry import Registry
    reg = Registry.open(sys.argv[1], timeout=10)
    for i in range(int(sys.argv[2])):
        reg.add("trees", {"subtype": "0402", "species": sys.argv[3]}, 523800.0 + i, 4461760.0)
""")


def _start(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE, text=True)


def test_second_writer_gets_busy_then_succeeds(tmp_path):
    path = tmp_path / "r.gpkg"
    Registry.create(path).close()
    holder = _start(HOLD_LOCK, path, 2.5)
    assert holder.stdout.readline().strip() == "locked"
    with Registry.open(path, timeout=0.3) as reg:
        started = time.monotonic()
        with pytest.raises(RegistryBusy) as err:
            reg.add("poles", {"subtype": "0118"}, X, Y)
        assert time.monotonic() - started < 2.0
        assert "正忙" in str(err.value)
        assert reg.counts()["poles"] == 0  # reading still works
        holder.wait(timeout=10)
        reg.add("poles", {"subtype": "0118"}, X, Y)
        assert reg.counts()["poles"] == 1


def test_two_processes_writing_interleave_without_loss(tmp_path):
    path = tmp_path / "r.gpkg"
    Registry.create(path).close()
    a = _start(ADD_MANY, path, 40, "国槐")
    b = _start(ADD_MANY, path, 40, "银杏")
    assert a.wait(timeout=60) == 0 and b.wait(timeout=60) == 0
    with Registry.open(path) as reg:
        assert reg.counts()["trees"] == 80
        codes = [t.code for t in reg.query("trees")]
        assert len(set(codes)) == 80
        from assets.check import check_registry
        assert all(f.ok for f in check_registry(reg))
