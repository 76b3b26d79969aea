# The traceback of an exception raised while a module runs shows the module's frames.
import mod_raises
