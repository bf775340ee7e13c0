"""Date formats for the pages where Django's own differ from what a Norwegian office reads.

`FORMAT_MODULE_PATH` points here. English pages get British day-month order and a
24-hour clock ("01/11/2026 14:05"), as the letters and the rules' texts already write
dates; Django's default English formats are American ("11/01/2026 2:05 p.m.").
"""
