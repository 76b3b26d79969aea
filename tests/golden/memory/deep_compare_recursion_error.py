a = []
b = []
for i in range(100000):
    a = [a]
    b = [b]
try:
    a == b
except RecursionError as e:
    print("RecursionError:", e)
