# An uncaught ModuleNotFoundError.
import mod_ok
import mod_nowhere
