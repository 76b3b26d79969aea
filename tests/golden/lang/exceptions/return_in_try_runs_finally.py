log = []
def f(x):
    try:
        log.append("try")
        return x * 2
    finally:
        log.append("finally")
print(f(4), log)
def g():
    while True:
        try:
            return "ret"
        finally:
            print("g finally")
print(g())
