print("start")
x = 1 + "a"
