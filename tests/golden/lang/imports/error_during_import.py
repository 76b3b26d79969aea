# An exception while a module runs propagates to the importer and removes the module
# from sys.modules, so the next import runs it again.
import sys

for attempt in range(2):
    try:
        import mod_fails
    except ValueError as e:
        print("ValueError:", e)
    print("mod_fails" in sys.modules)
try:
    mod_fails
except NameError as e:
    print("NameError:", e)
