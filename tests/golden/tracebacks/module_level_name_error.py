print("start")
value = undefined_name
