# Without `__all__`, `import *` binds every name not starting with an underscore,
# modules the imported module imported included.
from mod_star_plain import *

print(public, helper())
print(mod_counter.count)
try:
    _private
except NameError as e:
    print("NameError:", e)
try:
    __dunder
except NameError as e:
    print("NameError:", e)
print(__name__)
