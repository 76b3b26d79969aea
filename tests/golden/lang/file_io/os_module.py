# The parts of os a file-handling program needs.
import os
import os.path

path = "os_module.tmp"
print(os.sep, repr(os.linesep), os.name, os.curdir, os.pardir)
print(os.path.exists(path))
with open(path, "w") as f:
    f.write("12345")
print(os.path.exists(path), os.path.isfile(path), os.path.isdir(path), os.path.getsize(path))
print(path in os.listdir(), path in os.listdir("."))
print(os.path.isdir("."), os.path.exists(b"."), os.path.exists("bad\0name"))
print(os.path.join("data", "raw", path), os.path.join("a/", "b"), os.path.join("a", "/abs", "c"))
print(os.path.split("data/raw/file.txt"), os.path.basename("data/file.txt"), os.path.dirname("data/file.txt"))
print(os.path.splitext("archive.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("dir.d/file"))
print(os.getcwd() == os.path.join(os.path.dirname(os.getcwd()), os.path.basename(os.getcwd())))
print(os.getenv("REFPY_SURELY_UNSET_VARIABLE"), os.getenv("REFPY_SURELY_UNSET_VARIABLE", "default"))
print("REFPY_SURELY_UNSET_VARIABLE" in os.environ, os.environ.get("REFPY_SURELY_UNSET_VARIABLE"))
os.rename(path, path + ".moved")
print(os.path.exists(path), os.path.exists(path + ".moved"))
os.remove(path + ".moved")
print(os.path.exists(path + ".moved"))
for call in [lambda: os.remove(path), lambda: os.rename(path, "x"), lambda: os.listdir(path),
             lambda: os.rmdir(path), lambda: os.path.getsize(path)]:
    try:
        call()
    except FileNotFoundError as e:
        print(type(e).__name__, e)
for call in [lambda: os.remove(None), lambda: os.path.join("a", 1), lambda: os.getenv(1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
os.mkdir(path)
try:
    os.mkdir(path)
except FileExistsError as e:
    print(type(e).__name__, e)
os.rmdir(path)
print(os.path.exists(path))
