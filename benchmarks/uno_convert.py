"""DOCX -> PDF through a LibreOffice kept running, over its own UNO bridge: what unoserver and
Gotenberg do for each document (load it hidden, store it with the writer_pdf_Export filter,
close it).

Run by benchmarks/warmoffice.py with Debian's /usr/bin/python3, which has LibreOffice's Python
UNO (python3-uno); the project's virtual environment has not. Standard library and uno only.

    /usr/bin/python3 benchmarks/uno_convert.py PORT PROCESS_GROUP REPEAT DOCX...

For each DOCX: one untimed conversion, then REPEAT conversions, each of a fresh copy of the
file; prints one JSON line per DOCX: the wall seconds of each conversion as this client saw it,
LibreOffice's CPU seconds for each (utime + stime of soffice.bin in the process group given, the
one soffice started in a session of its own; from /proc, in clock ticks), and the path of the
last PDF made.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

TICK = os.sysconf("SC_CLK_TCK")


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(port: int, seconds: float = 60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def stat(pid: int | str) -> tuple[str, list[str]]:
    with open(f"/proc/{pid}/stat") as file:
        name, _, rest = file.read().partition(" (")[2].rpartition(")")
    return name, rest.split()


def office_process(group: int) -> int:
    """soffice.bin of the process group: the launcher (oosplash) starts it, and again after it
    made a new profile."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            name, fields = stat(pid)
        except OSError:
            continue
        if name == "soffice.bin" and int(fields[2]) == group:
            return int(pid)
    raise RuntimeError("no soffice.bin in the process group")


def cpu_seconds(pid: int) -> float:
    _, fields = stat(pid)
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def convert(desktop, docx: str, pdf: str) -> None:
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(docx), "_blank", 0,
                                            (prop("Hidden", True), prop("ReadOnly", True)))
    try:
        document.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "writer_pdf_Export"),))
    finally:
        document.close(True)


def main() -> None:
    port, group, repeat, *sources = sys.argv[1:]
    desktop = connect(int(port))
    pid = office_process(int(group))
    for source in sources:
        stem = os.path.splitext(source)[0]
        convert(desktop, source, stem + "-first.pdf")  # untimed: Writer's first load
        walls, cpus = [], []
        for number in range(int(repeat)):
            copy, pdf = f"{stem}-{number}.docx", f"{stem}-{number}.pdf"
            shutil.copyfile(source, copy)  # a file LibreOffice has not opened before
            cpu, wall = cpu_seconds(pid), time.perf_counter()
            convert(desktop, copy, pdf)
            walls.append(time.perf_counter() - wall)
            cpus.append(cpu_seconds(pid) - cpu)
        print(json.dumps({"docx": source, "wall": walls, "cpu": cpus, "pdf": pdf}), flush=True)


if __name__ == "__main__":
    main()
