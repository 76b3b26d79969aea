# A module's code runs on the first import only; later imports reuse sys.modules.
import mod_counter
import mod_counter
from mod_counter import bump


def load_again():
    import mod_counter as c
    return c


print(bump(), bump())
print(load_again().count, mod_counter.count)
print(load_again() is mod_counter)
