# `import NAME as x` and `from NAME import a as b` bind other names to the same objects.
import sys
import mod_shapes as shapes
import mod_shapes as again
from mod_shapes import area as compute

print(shapes is again, shapes is sys.modules["mod_shapes"])
print(compute is shapes.area, compute(6, 7))
try:
    mod_shapes
except NameError as e:
    print("NameError:", e)
