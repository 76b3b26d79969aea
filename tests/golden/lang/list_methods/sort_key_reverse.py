l = ['bb', 'a', 'ccc', 'dd']
l.sort(key=len)
print(l)
l.sort(key=len, reverse=True)
print(l)
l.sort()
print(l)
try:
    l.sort(1)
except TypeError as e:
    print(e)
