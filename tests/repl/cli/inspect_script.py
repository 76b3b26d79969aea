import sys
counter = 3
def bump():
    global counter
    counter += 1
    return counter
print("script ran with", sys.argv)
