# Circular imports: the second import of a module still running gets the partially
# initialised module from sys.modules.
import mod_circ_a

print("main:", mod_circ_a.late, mod_circ_a.mod_circ_b.describe())
