<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The activation explorer is being built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training lab is being built.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
