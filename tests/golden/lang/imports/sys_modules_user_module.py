# sys.modules is a dict holding __main__, built-in modules and the program's modules.
import sys

print(type(sys.modules).__name__)
print("mod_counter" in sys.modules)
import mod_counter

print(sys.modules["mod_counter"] is mod_counter)
print(sys.modules["__main__"].__name__, sys.modules["sys"] is sys)
print([name for name in sys.modules if name.startswith("mod_")])
old = mod_counter
del sys.modules["mod_counter"]
import mod_counter

print(mod_counter is old)
sys.modules["mod_fake"] = "not really a module"
import mod_fake

print(mod_fake)
