# An uncaught ImportError for a missing name shows the module's path.
from mod_ok import present, absent
