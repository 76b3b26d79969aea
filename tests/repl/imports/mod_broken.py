print("mod_broken: loading")
value = 1 / 0
