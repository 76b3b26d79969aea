g = "global value"
def drop():
    global g
    del g
print(g)
drop()
print(g)
