x = 1
del x
try:
    x
except NameError as e:
    print(e)
def f():
    y = 1
    del y
    return y
try:
    f()
except UnboundLocalError as e:
    print(e)
try:
    del undefined_thing
except NameError as e:
    print(e)
