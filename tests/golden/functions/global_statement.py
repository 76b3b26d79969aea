counter = 0
def bump():
    global counter
    counter += 1
bump()
bump()
print(counter)
def make_new():
    global fresh
    fresh = "created"
make_new()
print(fresh)
