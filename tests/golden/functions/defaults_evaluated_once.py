value = 1
def show(x=value):
    return x
value = 2
print(show())
print(show(5))
