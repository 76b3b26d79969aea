print("mod_circ_c: start")
from mod_circ_d import d_value

c_value = "c"
