def averager():
    total = 0
    n = 0
    avg = None
    while True:
        x = yield avg
        total += x
        n += 1
        avg = total / n
a = averager()
print(a.send(None))
print(a.send(10), a.send(20), a.send(30))
