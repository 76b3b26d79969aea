from mod_cycle_b import b_value

a_value = "a"
