import Lab93Warning

print(count(to: 3))
