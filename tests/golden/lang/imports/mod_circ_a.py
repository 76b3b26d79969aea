import sys

print("mod_circ_a: start")
early = "early"
import mod_circ_b

print("mod_circ_a: b says", mod_circ_b.describe())
late = "late"
print("mod_circ_a: end")
