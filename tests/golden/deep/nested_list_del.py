# Freeing a million-deep nesting must not recurse on the native stack.
x = []
for i in range(1000000):
    x = [x]
del x
print("freed")
