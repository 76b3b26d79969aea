print("start")
x = "a" + 1
