print(id([]) == id([]))
