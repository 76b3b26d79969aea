from mod_cycle_a import a_value

b_value = "b"
