if True:
    pass
for i in range(3):
    pass
def empty():
    pass
while False:
    pass
print(i, empty())
