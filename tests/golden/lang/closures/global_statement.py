total = 0
def add(n):
    global total
    total += n
def make():
    global created
    created = "yes"
add(3)
add(4)
make()
print(total, created)
