# `import NAME` runs NAME.py from the script's directory and binds the module.
import mod_shapes

print(type(mod_shapes).__name__)
print(mod_shapes.area(3, 4))
print(mod_shapes.PI)
print(mod_shapes.Square(5).area())
