import NetLabKit
Console.error("lab 02-HTTP is not written yet")
exit(1)
