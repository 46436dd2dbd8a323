"""Long work on a worker thread: it completes, a cancel leaves the registry as it was, an
error reaches the user as a translated message; the worker has its own connection."""
import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from assets.errors import XiuCityError
from desktop.task_runner import TaskRunner

N = 60_000  # three chunks of the bulk path: cancel is checked between them


def tree_columns(n):
    return {"subtype": ["0402"] * n, "species": ["银杏"] * n}


def points(n):
    rng = np.random.default_rng(3)
    return 523000 + rng.random(n) * 1000, 4461000 + rng.random(n) * 1000


def insert_trees(registry, n, *, progress, gate=None, threads=None):
    if threads is not None:
        threads.append(threading.get_ident())
    if gate is not None:
        gate.wait(5)
    x, y = points(n)
    return registry.bulk_insert("trees", tree_columns(n), x, y, progress=progress).count


def test_job_completes_on_a_worker_thread(qtbot, small_demo, small_demo_path):
    before = small_demo.count("trees")
    runner = TaskRunner()
    threads = []
    with qtbot.waitSignal(runner.finished, timeout=20000) as done:
        runner.run_on_registry(small_demo_path, insert_trees, N, threads=threads)
    assert done.args == [N]
    assert threads and threads[0] != threading.get_ident()
    assert small_demo.count("trees") == before + N  # the GUI's own connection sees it
    assert runner.dialog is None and not runner.is_running()


def test_cancel_button_leaves_the_registry_unchanged(qtbot, small_demo, small_demo_path):
    before = small_demo.count("trees")
    runner = TaskRunner()
    gate = threading.Event()
    finished, failed = [], []
    runner.finished.connect(finished.append)
    runner.failed.connect(failed.append)
    with qtbot.waitSignal(runner.cancelled, timeout=20000):
        runner.run_on_registry(small_demo_path, insert_trees, N, gate=gate, label="正在导入行道树")
        assert runner.dialog.labelText() == "正在导入行道树"
        cancel = runner.dialog.findChild(QPushButton)
        cancel.click()  # what the user does
        gate.set()
    assert runner.progress.cancelled()
    assert not finished and not failed and runner.message_box is None  # a cancel is not an error
    assert small_demo.count("trees") == before
    assert small_demo.history(small_demo.query("trees", limit=1)[0].code)[-1]["action"] == "bulk_insert"


def test_errors_reach_the_gui_thread_as_a_translated_message(qtbot, small_demo_path):
    runner = TaskRunner()

    def bad_job(registry, *, progress):
        x, y = points(3)
        return registry.bulk_insert("trees", {"species": ["银杏"] * 3}, x, y, progress=progress)

    with qtbot.waitSignal(runner.failed, timeout=20000) as failed:
        runner.run_on_registry(small_demo_path, bad_job)
    error = failed.args[0]
    assert isinstance(error, XiuCityError)
    assert runner.message_box is not None and runner.message_box.text() == str(error)
    assert str(error) == "无法写入这些部件：缺少小类列"
    runner.message_box.close()


def test_plain_function_and_refusing_a_second_job(qtbot):
    runner = TaskRunner(show_errors=False)
    gate = threading.Event()

    def count_to(n, *, progress):
        gate.wait(5)
        progress.set_total(n)
        for i in range(1, n + 1):
            progress.advance(i)
        return n

    reports = []
    with qtbot.waitSignal(runner.finished, timeout=10000) as done:
        runner.run(count_to, 200_000)
        runner.progress.reported.connect(lambda *args: reports.append(args))
        with pytest.raises(RuntimeError):
            runner.run(count_to, 1)
        gate.set()
    assert done.args == [200_000]
    # every row advanced, but the GUI thread heard only a few reports, the last one included
    assert 2 <= len(reports) < 1000 and reports[-1][:2] == (200_000, 200_000)
