# open() checks its mode and arguments with CPython's messages.
import os

path = "open_argument_errors.tmp"
open(path, "w").close()
try:
    for mode in ["q", "rw", "rr", "rbt", "", "b", "+", "U", "rU"]:
        try:
            open(path, mode)
        except ValueError as e:
            print(repr(mode), "ValueError:", e)
    for kwargs in [dict(encoding="utf-8"), dict(errors="strict"), dict(newline="")]:
        try:
            open(path, "rb", **kwargs)
        except ValueError as e:
            print("ValueError:", e)
    for bad in [lambda: open(None), lambda: open(3.5), lambda: open(path, 5),
                lambda: open(path, encoding=5), lambda: open(path, newline=5), lambda: open(),
                lambda: open(path, foo=1)]:
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
    for bad in [lambda: open(path, newline="x"), lambda: open("a\0b"),
                lambda: open(path, buffering=0), lambda: open(path, closefd=False)]:
        try:
            bad()
        except ValueError as e:
            print("ValueError:", e)
    try:
        open(path, encoding="no-such-codec")
    except LookupError as e:
        print("LookupError:", e)
finally:
    os.remove(path)
