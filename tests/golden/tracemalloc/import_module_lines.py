import tracemalloc

tracemalloc.start()
import mod_tmbuild
made = mod_tmbuild.build()
for obj in (mod_tmbuild.SENTINEL, made):
    frame = tracemalloc.get_object_traceback(obj)[0]
    print(frame.filename.endswith("mod_tmbuild.py"), frame.lineno)
