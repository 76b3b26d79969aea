import sys

print("mod_circ_b: start, a in sys.modules:", "mod_circ_a" in sys.modules)
import mod_circ_a

print("mod_circ_b: a.early =", mod_circ_a.early, "| has late:", hasattr(mod_circ_a, "late"))


def describe():
    return "a.early=" + mod_circ_a.early


print("mod_circ_b: end")
