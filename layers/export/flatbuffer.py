"""A minimal FlatBuffers serialiser for the few fixed tables FlatGeobuf needs (header,
column, CRS), so no flatbuffers package is required.

Objects are written front to back: a table's vtable, then the table, then the strings,
vectors and sub-tables it points to (uoffsets must point forward). Every scalar is aligned
to its size relative to the start of the buffer, as the FlatBuffers verifier requires."""
from __future__ import annotations

import struct
from dataclasses import dataclass

# scalar kind -> (struct code, size)
SCALARS = {"bool": ("?", 1), "ubyte": ("B", 1), "ushort": ("H", 2), "int": ("i", 4), "uint": ("I", 4),
           "ulong": ("Q", 8), "double": ("d", 8)}


@dataclass
class Vector:
    kind: str            # a scalar kind, or "table"
    items: list


@dataclass
class Table:
    fields: dict         # slot number -> scalar (kind, value) | str | Vector | Table


class Builder:
    def __init__(self) -> None:
        self.buf = bytearray(b"\0\0\0\0")   # root uoffset, patched by finish()

    def pad(self, align: int, extra: int = 0) -> None:
        """Pad so that ``len(buf) + extra`` is a multiple of ``align``."""
        self.buf.extend(b"\0" * ((-(len(self.buf) + extra)) % align))

    def finish(self, root: Table) -> bytes:
        position = self.table(root)
        self.buf[0:4] = struct.pack("<I", position)
        self.pad(8)
        return bytes(self.buf)

    def string(self, text: str) -> int:
        data = text.encode("utf-8")
        self.pad(4)
        position = len(self.buf)
        self.buf += struct.pack("<I", len(data)) + data + b"\0"
        return position

    def vector(self, vector: Vector) -> int:
        if vector.kind == "table":
            self.pad(4)
            position = len(self.buf)
            self.buf += struct.pack("<I", len(vector.items))
            slots = []
            for _ in vector.items:
                slots.append(len(self.buf))
                self.buf += b"\0\0\0\0"
            for slot, item in zip(slots, vector.items):
                target = self.table(item)
                self.buf[slot:slot + 4] = struct.pack("<I", target - slot)
            return position
        code, size = SCALARS[vector.kind]
        self.pad(max(4, size), extra=4)   # elements aligned after the 4-byte length
        position = len(self.buf)
        self.buf += struct.pack(f"<I{len(vector.items)}{code}", len(vector.items), *vector.items)
        return position

    def table(self, table: Table) -> int:
        scalars = {s: v for s, v in table.fields.items() if isinstance(v, tuple)}
        refs = {s: v for s, v in table.fields.items() if not isinstance(v, tuple)}
        # inline layout after the 4-byte soffset: big scalars first, then the uoffsets
        layout, cursor = {}, 4
        for slot, (kind, _) in sorted(scalars.items(), key=lambda kv: -SCALARS[kv[1][0]][1]):
            size = SCALARS[kind][1]
            cursor += (-cursor) % size
            layout[slot] = cursor
            cursor += size
        for slot in sorted(refs):
            cursor += (-cursor) % 4
            layout[slot] = cursor
            cursor += 4
        inline_size = cursor
        slots = max(table.fields) + 1 if table.fields else 0
        vtable = struct.pack(f"<HH{slots}H", 4 + 2 * slots, inline_size,
                             *(layout.get(s, 0) for s in range(slots)))
        self.pad(2)
        vtable_position = len(self.buf)
        self.buf += vtable
        self.pad(8)   # the table start is 8-aligned, so the inline offsets above align absolutely
        position = len(self.buf)
        body = bytearray(inline_size)
        body[0:4] = struct.pack("<i", position - vtable_position)
        for slot, (kind, value) in scalars.items():
            code, size = SCALARS[kind]
            body[layout[slot]:layout[slot] + size] = struct.pack(f"<{code}", value)
        self.buf += body
        for slot in sorted(refs):
            value = refs[slot]
            if isinstance(value, str):
                target = self.string(value)
            elif isinstance(value, Vector):
                target = self.vector(value)
            else:
                target = self.table(value)
            field = position + layout[slot]
            self.buf[field:field + 4] = struct.pack("<I", target - field)
        return position
