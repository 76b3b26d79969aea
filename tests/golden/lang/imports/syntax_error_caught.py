# A syntax error in an imported module is a SyntaxError the importer can catch, with
# CPython's attributes, and the module stays out of sys.modules.
import sys

import mod_nodoc

here = mod_nodoc.__file__.rsplit("/", 1)[0]
try:
    import mod_broken_syntax
except SyntaxError as e:
    print(type(e).__name__, "|", e)
    print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
    print(e.filename.replace(here, "<dir>"))
    print(repr(e).replace(here, "<dir>"))
print("mod_broken_syntax" in sys.modules)
