# An uncaught ImportError from a circular `from … import`.
import mod_cycle_a
