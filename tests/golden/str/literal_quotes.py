print('single')
print("double")
print('it\'s')
print("say \"hi\"")
print("it's")
print('say "hi"')
print("""triple
double""")
print('''triple
single''')
print("")
