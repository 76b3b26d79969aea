print("mod_circ_d: start")
from mod_circ_c import c_value

d_value = "d"
