# `from NAME import *` with `__all__` binds exactly the listed names, even private ones.
from mod_star_all import *

print(alpha, _beta)
try:
    gamma
except NameError as e:
    print("NameError:", e)
