print('hello WORLD'.capitalize(), 'hello world2x'.title(), "they're bill's".title(), 'AbC'.swapcase(), 'Straße'.casefold())
print('ÉCOLE'.lower(), 'école'.upper(), ''.title(), '123abc'.capitalize())
