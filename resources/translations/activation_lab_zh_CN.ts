<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Activation Lab</source>
        <translation>关于 Activation Lab</translation>
    </message>
    <message>
        <source>A lab for teaching how activation functions shape a neural network: exact derivatives, honest axes, and gradients you can watch layer by layer.</source>
        <translation>一个用于讲授激活函数如何塑造神经网络的实验室：精确的导数、如实的坐标轴，以及可以逐层观察的梯度。</translation>
    </message>
    <message>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>Copy the list for a bug report</source>
        <translation>复制此列表，用于错误报告</translation>
    </message>
    <message>
        <source>Versions of this build (for a bug report)</source>
        <translation>本版本所用组件的版本（用于错误报告）</translation>
    </message>
</context>
<context>
    <name>DecisionBoundaryView</name>
    <message>
        <source>Decision boundary at step {step}</source>
        <translation>第 {step} 步的决策边界</translation>
    </message>
    <message>
        <source>Decision boundary at step {shown} (none was computed at step {step})</source>
        <translation>第 {shown} 步的决策边界（第 {step} 步没有计算）</translation>
    </message>
    <message>
        <source>The decision boundary is drawn for 2-D data sets only (this one has {d}).</source>
        <translation>决策边界只针对二维数据集绘制（当前数据集为 {d} 维）。</translation>
    </message>
</context>
<context>
    <name>DepthPanel</name>
    <message>
        <source>Depth L</source>
        <translation>深度 L</translation>
    </message>
    <message>
        <source>Operating point x₀</source>
        <translation>工作点 x₀</translation>
    </message>
    <message>
        <source>Also draggable as the x₀ line on the f′ plot</source>
        <translation>也可以在 f′ 图上拖动 x₀ 竖线来调整</translation>
    </message>
    <message>
        <source>Backpropagation multiplies one factor f′ per layer. Solid: the best case max|f′|&lt;sup&gt;L&lt;/sup&gt;; dashed: |f′(x₀)|&lt;sup&gt;L&lt;/sup&gt; at x₀.</source>
        <translation>反向传播每经过一层就乘上一个因子 f′。实线：最好情况 max|f′|&lt;sup&gt;L&lt;/sup&gt;；虚线：在 x₀ 处的 |f′(x₀)|&lt;sup&gt;L&lt;/sup&gt;。</translation>
    </message>
    <message>
        <source>depth L</source>
        <translation>深度 L</translation>
    </message>
    <message>
        <source>gradient factor</source>
        <translation>梯度因子</translation>
    </message>
</context>
<context>
    <name>DivergenceBanner</name>
    <message>
        <source>Reset the run</source>
        <translation>重置训练</translation>
    </message>
    <message>
        <source>Rebuild the network at its initial weights</source>
        <translation>用初始权重重建网络</translation>
    </message>
    <message>
        <source>Likely cause: the initial weights are too large (normal init σ = {s:g}). Try a smaller σ or a scaled init (Xavier, He).</source>
        <translation>可能的原因：初始权重过大（正态初始化 σ = {s:g}）。请尝试更小的 σ，或按层规模缩放的初始化（Xavier、He）。</translation>
    </message>
    <message>
        <source>Likely causes: the learning rate is too large (lr = {lr:g}) and the initial weights are too large (normal init σ = {s:g}).</source>
        <translation>可能的原因：学习率过大（lr = {lr:g}），并且初始权重过大（正态初始化 σ = {s:g}）。</translation>
    </message>
    <message>
        <source>Likely cause: the learning rate is too large (lr = {lr:g}). Try a smaller one.</source>
        <translation>可能的原因：学习率过大（lr = {lr:g}）。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>{first} and {second}: </source>
        <translation>{first} 和 {second}：</translation>
    </message>
    <message>
        <source>{name}: </source>
        <translation>{name}：</translation>
    </message>
    <message>
        <source>⚠ {who}Training diverged at step {step}: the loss or a gradient became non-finite (inf/NaN). The run is paused.</source>
        <translation>⚠ {who}训练在第 {step} 步发散：损失或某个梯度变成了非有限值（inf/NaN）。训练已暂停。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>文件名太长</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>Could not read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{name} is {size} MB; a session file is at most {limit} MB.</source>
        <translation>{name} 有 {size} MB，而会话文件最多 {limit} MB。</translation>
    </message>
    <message>
        <source>{name} is not a text file, so it is not a session file.</source>
        <translation>{name} 不是文本文件，因此不是会话文件。</translation>
    </message>
    <message>
        <source>{name} is not valid JSON (line {line}, column {column}); it may be truncated.</source>
        <translation>{name} 不是有效的 JSON（第 {line} 行，第 {column} 列），文件可能不完整。</translation>
    </message>
    <message>
        <source>{name} is nested too deeply to be a session file.</source>
        <translation>{name} 嵌套层数过多，不是会话文件。</translation>
    </message>
    <message>
        <source>This is not an Activation Lab session file.</source>
        <translation>这不是 Activation Lab 会话文件。</translation>
    </message>
    <message>
        <source>It was saved by a newer Activation Lab (session format {version}); this version reads format {supported}.</source>
        <translation>它由更新版本的 Activation Lab 保存（会话格式 {version}），本版本只能读取格式 {supported}。</translation>
    </message>
    <message>
        <source>The session file has no valid format version.</source>
        <translation>会话文件没有有效的格式版本号。</translation>
    </message>
    <message>
        <source>The file contains {value}, which is not a number a session can hold.</source>
        <translation>文件中含有 {value}，会话文件不能保存这样的数。</translation>
    </message>
    <message>
        <source>A value in the file is not valid: {detail}</source>
        <translation>文件中有一个值无效：{detail}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>must be a number, not {value}</source>
        <translation>应为数字，而不是 {value}</translation>
    </message>
    <message>
        <source>must be a whole number, not {value}</source>
        <translation>应为整数，而不是 {value}</translation>
    </message>
    <message>
        <source>must be true or false, not {value}</source>
        <translation>应为 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <source>must be an object {{…}}, not {value}</source>
        <translation>应为对象 {{…}}，而不是 {value}</translation>
    </message>
    <message>
        <source>must be a list […], not {value}</source>
        <translation>应为列表 […]，而不是 {value}</translation>
    </message>
    <message>
        <source>must be a name in quotes, not {value}</source>
        <translation>应为带引号的名称，而不是 {value}</translation>
    </message>
    <message>
        <source>{value} is outside the allowed range [{low}, {high}]</source>
        <translation>{value} 超出允许范围 [{low}, {high}]</translation>
    </message>
    <message>
        <source>must be one of {choices}, not {value}</source>
        <translation>应为 {choices} 之一，而不是 {value}</translation>
    </message>
    <message>
        <source>must have {low} to {high} items, not {count}</source>
        <translation>应有 {low} 到 {high} 项，而不是 {count} 项</translation>
    </message>
    <message>
        <source>unknown field(s): {names}</source>
        <translation>未知字段：{names}</translation>
    </message>
    <message>
        <source>{value} is not an activation function of this app</source>
        <translation>{value} 不是本应用中的激活函数</translation>
    </message>
    <message>
        <source>{value} is listed twice</source>
        <translation>{value} 出现了两次</translation>
    </message>
    <message>
        <source>the file&apos;s top level</source>
        <translation>文件的最外层</translation>
    </message>
    <message>
        <source>A value in the file is not valid: {field}: {problem}</source>
        <translation>文件中有一个值无效：{field}：{problem}</translation>
    </message>
</context>
<context>
    <name>ExplorerController</name>
    <message>
        <source>Move the mouse over the plots to read x, f(x) and f′(x).</source>
        <translation>将鼠标移到图上即可读出 x、f(x) 和 f′(x)。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>jumps at x = {0}</source>
        <translation>在 x = {0} 处跳变</translation>
    </message>
    <message>
        <source>kinks at x = {0}</source>
        <translation>在 x = {0} 处有折点</translation>
    </message>
    <message>
        <source>at x₀:</source>
        <translation>在 x₀ 处：</translation>
    </message>
    <message>
        <source>{0}: f′(x₀) = 0, the gradient is exactly 0 at any depth (not drawn)</source>
        <translation>{0}：f′(x₀) = 0，任意深度下梯度都恰好为 0（未绘制）</translation>
    </message>
    <message>
        <source>{0}: values below 1e−30 are drawn at 1e−30</source>
        <translation>{0}：小于 1e−30 的值按 1e−30 绘制</translation>
    </message>
    <message>
        <source>At depth L = {0} (x₀ = {1}):</source>
        <translation>在深度 L = {0}（x₀ = {1}）时：</translation>
    </message>
    <message>
        <source>measuring… {0} left</source>
        <translation>正在测量… 还剩 {0} 项</translation>
    </message>
    <message>
        <source>cost measured</source>
        <translation>开销已测量</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>Press Measure cost to time it on 10⁵ points.</source>
        <translation>点击“测量开销”，在 10⁵ 个点上计时。</translation>
    </message>
    <message>
        <source>On 10⁵ points: numpy forward (float64) {0:.2f} ms; torch module (float32, one thread) {1:.2f} ms. Each was timed alternately with ReLU, best of several runs.</source>
        <translation>在 10⁵ 个点上：numpy 前向计算（float64）{0:.2f} ms；torch 模块（float32，单线程）{1:.2f} ms。两者都与 ReLU 交替计时，取多次运行中的最好成绩。</translation>
    </message>
    <message>
        <source>Two classes: softmax([z₁, z₂] / T)₁ = &lt;b&gt;{0}&lt;/b&gt; and σ((z₁ − z₂) / T) = &lt;b&gt;{1}&lt;/b&gt; {2}&lt;br&gt;A 2-class softmax is a sigmoid of the logit difference. Sum of p = {3}</source>
        <translation>两个类别：softmax([z₁, z₂] / T)₁ = &lt;b&gt;{0}&lt;/b&gt;，σ((z₁ − z₂) / T) = &lt;b&gt;{1}&lt;/b&gt; {2}&lt;br&gt;二分类 softmax 就是对 logit 之差取 sigmoid。p 之和 = {3}</translation>
    </message>
    <message>
        <source>confidently wrong (p = {0}):
MSE gradient {1} (flat)
cross-entropy gradient {2}</source>
        <translation>高置信度的错误预测（p = {0}）：
MSE 梯度 {1}（平坦）
交叉熵梯度 {2}</translation>
    </message>
    <message>
        <source>At z = {0:g} (p = {1}, y = {2:g}): sigmoid + MSE gives ∂L/∂z = &lt;b&gt;{3}&lt;/b&gt;, sigmoid + cross-entropy gives &lt;b&gt;{4}&lt;/b&gt;.</source>
        <translation>在 z = {0:g}（p = {1}，y = {2:g}）处：sigmoid + MSE 得到 ∂L/∂z = &lt;b&gt;{3}&lt;/b&gt;，sigmoid + 交叉熵得到 &lt;b&gt;{4}&lt;/b&gt;。</translation>
    </message>
</context>
<context>
    <name>ExplorerView</name>
    <message>
        <source>Facts</source>
        <translation>特性</translation>
    </message>
    <message>
        <source>Gradient through depth</source>
        <translation>梯度随深度的变化</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Maxout</source>
        <translation>Maxout</translation>
    </message>
</context>
<context>
    <name>FactsCard</name>
    <message>
        <source>Range</source>
        <translation>值域</translation>
    </message>
    <message>
        <source>Zero-centred</source>
        <translation>以零为中心</translation>
    </message>
    <message>
        <source>Monotonic</source>
        <translation>单调</translation>
    </message>
    <message>
        <source>Smooth</source>
        <translation>光滑</translation>
    </message>
    <message>
        <source>max |f′|</source>
        <translation>max |f′|</translation>
    </message>
    <message>
        <source>f′(0)</source>
        <translation>f′(0)</translation>
    </message>
    <message>
        <source>Cost vs ReLU</source>
        <translation>相对 ReLU 的开销</translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message>
        <source>Measure cost</source>
        <translation>测量开销</translation>
    </message>
    <message>
        <source>Time the numpy formula and the torch module on 10⁵ points, relative to ReLU (timed alternately with it). Runs one function at a time so the window stays responsive.</source>
        <translation>在 10⁵ 个点上为 numpy 公式和 torch 模块计时，并与 ReLU 比较（与它交替计时）。每次只测一个函数，窗口始终保持响应。</translation>
    </message>
    <message>
        <source>Check a function in the list to see its facts.</source>
        <translation>在列表中勾选一个函数以查看它的特性。</translation>
    </message>
</context>
<context>
    <name>FunctionList</name>
    <message>
        <source>Filter functions…</source>
        <translation>筛选函数…</translation>
    </message>
</context>
<context>
    <name>FunctionPlots</name>
    <message>
        <source>x range ±</source>
        <translation>x 范围 ±</translation>
    </message>
    <message>
        <source>Saturated: |f′| &lt;</source>
        <translation>饱和：|f′| &lt;</translation>
    </message>
    <message>
        <source> % of max</source>
        <translation> % × 最大值</translation>
    </message>
    <message>
        <source>Shade where |f′| is below this share of the function&apos;s largest |f′|</source>
        <translation>在 |f′| 低于该函数最大 |f′| 的这一比例处加阴影</translation>
    </message>
    <message>
        <source>Dead: f′ = 0</source>
        <translation>死区：f′ = 0</translation>
    </message>
    <message>
        <source>Hatch where the derivative is exactly zero</source>
        <translation>在导数恰好为零处画斜线</translation>
    </message>
    <message>
        <source>RReLU random band</source>
        <translation>RReLU 随机带</translation>
    </message>
    <message>
        <source>For x &lt; 0 RReLU multiplies by a random slope between lower and upper.</source>
        <translation>当 x &lt; 0 时，RReLU 乘以一个介于 lower 与 upper 之间的随机斜率。</translation>
    </message>
    <message>
        <source>Shade:</source>
        <translation>阴影标示：</translation>
    </message>
    <message>
        <source>Half-width of the x axis of both plots</source>
        <translation>两幅图 x 轴的半宽</translation>
    </message>
    <message>
        <source>Operating point x₀ for the depth panel: drag it</source>
        <translation>深度面板使用的工作点 x₀：可拖动</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Lecture guide</source>
        <translation>课堂指南</translation>
    </message>
    <message>
        <source>What to point out on screen</source>
        <translation>讲解时要在屏幕上指出的内容</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>The previous preset of the lecture (Page Up)</source>
        <translation>课堂中的上一个预设（Page Up）</translation>
    </message>
    <message>
        <source>The next preset of the lecture (Page Down)</source>
        <translation>课堂中的下一个预设（Page Down）</translation>
    </message>
    <message>
        <source>Open this preset</source>
        <translation>打开此预设</translation>
    </message>
    <message>
        <source>Load the selected preset into the Training lab; press Start there to run it</source>
        <translation>把选中的预设载入训练实验室；在那里点击“开始”即可运行</translation>
    </message>
    <message>
        <source>The presets in lecture order</source>
        <translation>按课堂顺序排列的预设</translation>
    </message>
    <message>
        <source>{n}. {title}</source>
        <translation>{n}. {title}</translation>
    </message>
    <message>
        <source>There are no presets to show.</source>
        <translation>没有可显示的预设。</translation>
    </message>
    <message>
        <source>Preset {n} of {total}</source>
        <translation>预设 {n} / {total}</translation>
    </message>
    <message>
        <source>Runs {steps} steps: {depth} hidden layers of {width}, {activation}.</source>
        <translation>训练 {steps} 步：{depth} 个隐藏层，每层 {width} 个单元，激活函数为 {activation}。</translation>
    </message>
    <message>
        <source>{field}: {a} → {b}</source>
        <translation>{field}：{a} → {b}</translation>
    </message>
    <message>
        <source>{run} B differs from A in: {changes}</source>
        <translation>{run}B 与 A 的不同之处：{changes}</translation>
    </message>
</context>
<context>
    <name>LabeledSlider</name>
    <message>
        <source>allowed range [{0}, {1}]</source>
        <translation>允许范围 [{0}, {1}]</translation>
    </message>
    <message>
        <source>{0} refused: allowed range [{1}, {2}]</source>
        <translation>{0} 已被拒绝：允许范围为 [{1}, {2}]</translation>
    </message>
</context>
<context>
    <name>LayerHistogramView</name>
    <message>
        <source>∂L/∂W</source>
        <translation>∂L/∂W</translation>
    </message>
    <message>
        <source>log₁₀ |∂L/∂W|</source>
        <translation>log₁₀ |∂L/∂W|</translation>
    </message>
    <message>
        <source>pre-activation z</source>
        <translation>预激活值 z</translation>
    </message>
    <message>
        <source>activation f(z)</source>
        <translation>激活值 f(z)</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>L{n}</source>
        <translation>L{n}</translation>
    </message>
    <message>
        <source>dead {p:.0%}</source>
        <translation>死亡 {p:.0%}</translation>
    </message>
    <message>
        <source>saturated {p:.0%}</source>
        <translation>饱和 {p:.0%}</translation>
    </message>
    <message>
        <source>|g| ≈ 0: {p:.0%}</source>
        <translation>|g| ≈ 0：{p:.0%}</translation>
    </message>
    <message>
        <source>{p} off the axis</source>
        <translation>{p} 超出坐标轴</translation>
    </message>
    <message>
        <source>⚠ {n} non-finite</source>
        <translation>⚠ {n} 个非有限值</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>y = 0</source>
        <translation>y = 0</translation>
    </message>
    <message>
        <source>y = 1</source>
        <translation>y = 1</translation>
    </message>
    <message>
        <source>Prediction p = σ(z). Right: the gradient reaching the logit z, in the same colours. With MSE it is 2(p − y)·σ′(z): when the prediction is confidently wrong σ′ is tiny, so learning stalls. Cross-entropy&apos;s gradient is p − y: largest exactly there.</source>
        <translation>预测 p = σ(z)。右图：传到 logit z 的梯度，颜色与左图对应。使用 MSE 时梯度为 2(p − y)·σ′(z)：当预测高置信度地出错时 σ′ 极小，学习因此停滞。交叉熵的梯度是 p − y：恰恰在那里最大。</translation>
    </message>
    <message>
        <source>prediction p</source>
        <translation>预测 p</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>∂loss/∂z</source>
        <translation>∂损失/∂z</translation>
    </message>
    <message>
        <source>MSE (p − y)²</source>
        <translation>MSE (p − y)²</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>sigmoid + MSE</source>
        <translation>sigmoid + MSE</translation>
    </message>
    <message>
        <source>sigmoid + cross-entropy</source>
        <translation>sigmoid + 交叉熵</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Explorer</source>
        <translation>函数探索</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The translation could not be loaded; the interface stays in English.</source>
        <translation>无法加载翻译，界面将保持英文。</translation>
    </message>
    <message>
        <source>No font with Chinese characters was found on this computer, so some text may show as boxes. Install one (e.g. Noto Sans CJK SC) and restart.</source>
        <translation>这台电脑上没有找到含中文字符的字体，部分文字可能显示为方框。请安装一种（例如 Noto Sans CJK SC）后重新启动。</translation>
    </message>
    <message>
        <source>Preset: {title}</source>
        <translation>预设：{title}</translation>
    </message>
    <message>
        <source>Training: {sps} steps/s · {fps} frames/s</source>
        <translation>训练：{sps} 步/秒 · {fps} 帧/秒</translation>
    </message>
    <message>
        <source>Activation Lab session (*{suffix})</source>
        <translation>Activation Lab 会话 (*{suffix})</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>{name} could not be opened:
{reason}

Nothing was changed.</source>
        <translation>无法打开 {name}：
{reason}

未做任何更改。</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>(no recent sessions)</source>
        <translation>（没有最近的会话）</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Per-layer histograms</source>
        <translation>逐层直方图</translation>
    </message>
    <message>
        <source>Loss, accuracy and gradient norms</source>
        <translation>损失、准确率与梯度范数</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>f(x) and f′(x)</source>
        <translation>f(x) 与 f′(x)</translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation>f(x)</translation>
    </message>
    <message>
        <source>f′(x)</source>
        <translation>f′(x)</translation>
    </message>
    <message>
        <source>Gradient through depth</source>
        <translation>梯度随深度的变化</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Maxout</source>
        <translation>Maxout</translation>
    </message>
    <message>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>There are no training records yet.</source>
        <translation>还没有训练记录。</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>JSON records (*.json)</source>
        <translation>JSON 记录 (*.json)</translation>
    </message>
    <message>
        <source>Export training records</source>
        <translation>导出训练记录</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported {names}</source>
        <translation>已导出 {names}</translation>
    </message>
    <message>
        <source>Export histogram timeline</source>
        <translation>导出直方图时间线</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Rendering the histogram timeline…</source>
        <translation>正在渲染直方图时间线…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exported {name} ({n} frames)</source>
        <translation>已导出 {name}（{n} 帧）</translation>
    </message>
    <message>
        <source>Training lab</source>
        <translation>训练实验室</translation>
    </message>
</context>
<context>
    <name>MaxoutPanel</name>
    <message>
        <source>pieces k = </source>
        <translation>分段数 k = </translation>
    </message>
    <message>
        <source>How many affine pieces the maximum is taken over</source>
        <translation>取最大值的仿射分段个数</translation>
    </message>
    <message>
        <source>slope w</source>
        <translation>斜率 w</translation>
    </message>
    <message>
        <source>intercept b</source>
        <translation>截距 b</translation>
    </message>
    <message>
        <source>piece {0}</source>
        <translation>第 {0} 段</translation>
    </message>
    <message>
        <source>f(x) = max&lt;sub&gt;i&lt;/sub&gt;(w&lt;sub&gt;i&lt;/sub&gt;x + b&lt;sub&gt;i&lt;/sub&gt;): a learned, convex, piecewise-linear activation. f′ is the winning piece&apos;s slope.</source>
        <translation>f(x) = max&lt;sub&gt;i&lt;/sub&gt;(w&lt;sub&gt;i&lt;/sub&gt;x + b&lt;sub&gt;i&lt;/sub&gt;)：一种可学习的、凸的分段线性激活函数。f′ 是取得最大值的那一段的斜率。</translation>
    </message>
</context>
<context>
    <name>ParameterPanel</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Every parameter of this function back to its default</source>
        <translation>将此函数的所有参数恢复为默认值</translation>
    </message>
    <message>
        <source>Select a function in the list to see its parameters.</source>
        <translation>在列表中选择一个函数以查看它的参数。</translation>
    </message>
    <message>
        <source>Parameters of {0}</source>
        <translation>{0} 的参数</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>已拒绝：{0}</translation>
    </message>
    <message>
        <source>{0} has no parameters.</source>
        <translation>{0} 没有参数。</translation>
    </message>
    <message>
        <source>{0} is not on the plots: tick it in the list, or move a slider.</source>
        <translation>{0} 未显示在图上：在列表中勾选它，或拖动一个滑块。</translation>
    </message>
</context>
<context>
    <name>PlotExportDialog</name>
    <message>
        <source>Unsupported file type {suffix}; use .png or .svg.</source>
        <translation>不支持的文件类型 {suffix}；请使用 .png 或 .svg。</translation>
    </message>
    <message>
        <source>nothing was written</source>
        <translation>没有写入任何内容</translation>
    </message>
    <message>
        <source>The plot is not on screen, so there is nothing to export.</source>
        <translation>图不在屏幕上，没有可导出的内容。</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG vector drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>PNG width</source>
        <translation>PNG 宽度</translation>
    </message>
    <message>
        <source>Width of the PNG in pixels (slides: 1920)</source>
        <translation>PNG 的宽度，单位为像素（幻灯片用 1920）</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RangeSpinBox</name>
    <message>
        <source>{0} is outside {1} to {2}: set to {3}</source>
        <translation>{0} 超出了 {1} 到 {2} 的范围：已设为 {3}</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>⟲ Reset</source>
        <translation>⟲ 重置</translation>
    </message>
    <message>
        <source>Train continuously</source>
        <translation>持续训练</translation>
    </message>
    <message>
        <source>Pause training; Start continues the same run</source>
        <translation>暂停训练；点击“开始”继续同一次训练</translation>
    </message>
    <message>
        <source>Train exactly one step</source>
        <translation>只训练一步</translation>
    </message>
    <message>
        <source>Rebuild the network at its initial weights</source>
        <translation>用初始权重重建网络</translation>
    </message>
    <message>
        <source>max steps/s</source>
        <translation>最快速度</translation>
    </message>
    <message>
        <source>{n:g} steps/s</source>
        <translation>{n:g} 步/秒</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Training steps per second</source>
        <translation>每秒训练的步数</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>步数上限</translation>
    </message>
    <message>
        <source>never</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Pause automatically when the run reaches this step</source>
        <translation>训练到达此步数时自动暂停</translation>
    </message>
    <message>
        <source>Record every</source>
        <translation>记录间隔</translation>
    </message>
    <message>
        <source>Record the layer statistics every n steps (histograms, curves, timeline)</source>
        <translation>每隔 n 步记录一次各层的统计量（用于直方图、曲线和时间线）</translation>
    </message>
</context>
<context>
    <name>SoftmaxPanel</name>
    <message>
        <source>logits: </source>
        <translation>logit 个数：</translation>
    </message>
    <message>
        <source>How many classes (logits)</source>
        <translation>类别（logit）个数</translation>
    </message>
    <message>
        <source>Temperature: p = softmax(z / T)</source>
        <translation>温度：p = softmax(z / T)</translation>
    </message>
    <message>
        <source>probabilities p</source>
        <translation>概率 p</translation>
    </message>
    <message>
        <source>Jacobian ∂p&lt;sub&gt;i&lt;/sub&gt;/∂z&lt;sub&gt;j&lt;/sub&gt;</source>
        <translation>雅可比矩阵 ∂p&lt;sub&gt;i&lt;/sub&gt;/∂z&lt;sub&gt;j&lt;/sub&gt;</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Drag to look at an earlier step (pauses training)</source>
        <translation>拖动以查看较早的一步（会暂停训练）</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Jump to the newest step and follow training</source>
        <translation>跳到最新一步并跟随训练</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>● LIVE</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <source>step {step} of {latest}</source>
        <translation>第 {step} 步 / 最新第 {latest} 步</translation>
    </message>
    <message>
        <source>◼ PAST</source>
        <translation>◼ 回看</translation>
    </message>
</context>
<context>
    <name>TimelineExport</name>
    <message>
        <source>There are no recorded steps yet.</source>
        <translation>还没有已记录的训练步。</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
</context>
<context>
    <name>TrainingConfigPanel</name>
    <message>
        <source>PyTorch default</source>
        <translation>PyTorch 默认</translation>
    </message>
    <message>
        <source>Standard U(±1/√fan_in)</source>
        <translation>标准 U(±1/√fan_in)</translation>
    </message>
    <message>
        <source>Xavier (Glorot) uniform</source>
        <translation>Xavier (Glorot) 均匀分布</translation>
    </message>
    <message>
        <source>Xavier (Glorot) normal</source>
        <translation>Xavier (Glorot) 正态分布</translation>
    </message>
    <message>
        <source>He (Kaiming) uniform</source>
        <translation>He (Kaiming) 均匀分布</translation>
    </message>
    <message>
        <source>He (Kaiming) normal</source>
        <translation>He (Kaiming) 正态分布</translation>
    </message>
    <message>
        <source>LeCun normal</source>
        <translation>LeCun 正态分布</translation>
    </message>
    <message>
        <source>Normal N(0, σ²)</source>
        <translation>正态分布 N(0, σ²)</translation>
    </message>
    <message>
        <source>Orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆环</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或 (XOR)</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>两个高斯簇</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>High-dimensional</source>
        <translation>高维</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + 动量</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Init σ</source>
        <translation>初始化 σ</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Input dim</source>
        <translation>输入维度</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>, </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Lecture preset</source>
        <translation>课堂预设</translation>
    </message>
    <message>
        <source>— custom —</source>
        <translation>— 自定义 —</translation>
    </message>
    <message>
        <source>Load a prepared experiment for the lecture</source>
        <translation>载入为课堂准备好的实验</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Number of hidden layers (the output layer is extra)</source>
        <translation>隐藏层的数量（不含输出层）</translation>
    </message>
    <message>
        <source>Units per hidden layer</source>
        <translation>每个隐藏层的神经元数</translation>
    </message>
    <message>
        <source>How the initial weights are drawn</source>
        <translation>初始权重的抽取方式</translation>
    </message>
    <message>
        <source>Standard deviation of the normal initialization</source>
        <translation>正态初始化的标准差</translation>
    </message>
    <message>
        <source>Initial value of every bias</source>
        <translation>所有偏置的初始值</translation>
    </message>
    <message>
        <source>Step size of the optimizer; applies at once, without a reset</source>
        <translation>优化器的步长；立即生效，无需重置</translation>
    </message>
    <message>
        <source>Samples per training step</source>
        <translation>每个训练步使用的样本数</translation>
    </message>
    <message>
        <source>Spread added to the data points</source>
        <translation>叠加在数据点上的噪声幅度</translation>
    </message>
    <message>
        <source>Number of training samples</source>
        <translation>训练样本的数量</translation>
    </message>
    <message>
        <source>The same seed gives the same data and initial weights</source>
        <translation>相同的种子得到相同的数据和初始权重</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Draw a random seed: new data and new weights</source>
        <translation>随机抽取一个种子：新的数据和新的权重</translation>
    </message>
    <message>
        <source>Train a second network side by side</source>
        <translation>并排训练第二个网络</translation>
    </message>
    <message>
        <source>B activation</source>
        <translation>B 的激活函数</translation>
    </message>
    <message>
        <source>The activation of the second network (B)</source>
        <translation>第二个网络（B）的激活函数</translation>
    </message>
    <message>
        <source>Choose a preset or set the network up.</source>
        <translation>选择一个预设，或自行设置网络。</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>B differs from A in: {changes}</source>
        <translation>B 与 A 的不同之处：{changes}</translation>
    </message>
    <message>
        <source>{name} · {details}</source>
        <translation>{name} · {details}</translation>
    </message>
    <message>
        <source>A: {name}</source>
        <translation>A：{name}</translation>
    </message>
    <message>
        <source>B: {name}</source>
        <translation>B：{name}</translation>
    </message>
    <message>
        <source>Building the network…</source>
        <translation>正在构建网络…</translation>
    </message>
    <message>
        <source>Stopped after {n} steps.</source>
        <translation>已在 {n} 步后停止。</translation>
    </message>
    <message>
        <source>Training failed: {msg}</source>
        <translation>训练失败：{msg}</translation>
    </message>
    <message>
        <source>Not a valid setting: {msg}</source>
        <translation>设置无效：{msg}</translation>
    </message>
    <message>
        <source>{shown} of {n} layers shown</source>
        <translation>显示了 {n} 层中的 {shown} 层</translation>
    </message>
</context>
<context>
    <name>TrainingCurvesView</name>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>‖∇W‖ per layer</source>
        <translation>各层 ‖∇W‖</translation>
    </message>
    <message>
        <source>step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:{a}&quot;&gt;input layer&lt;/span&gt; → &lt;span style=&quot;color:{b}&quot;&gt;output layer&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:{a}&quot;&gt;输入层&lt;/span&gt; → &lt;span style=&quot;color:{b}&quot;&gt;输出层&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>TrainingView</name>
    <message>
        <source>Weight gradients</source>
        <translation>权重梯度</translation>
    </message>
    <message>
        <source>log₁₀ |weight gradient|</source>
        <translation>log₁₀ |权重梯度|</translation>
    </message>
    <message>
        <source>Pre-activations z</source>
        <translation>预激活值 z</translation>
    </message>
    <message>
        <source>Activations f(z)</source>
        <translation>激活值 f(z)</translation>
    </message>
    <message>
        <source>Fixed axis (shared, from step 0)</source>
        <translation>固定坐标轴（各层共享，取自第 0 步）</translation>
    </message>
    <message>
        <source>Per-layer auto</source>
        <translation>逐层自动</translation>
    </message>
    <message>
        <source>Per-layer p1–p99</source>
        <translation>逐层 p1–p99</translation>
    </message>
    <message>
        <source>What each layer&apos;s histogram shows</source>
        <translation>每层直方图所显示的量</translation>
    </message>
    <message>
        <source>Fixed: one x-axis for every layer, so a shrinking gradient is visible. Per-layer: each row spans its own range, printed on the row.</source>
        <translation>固定：所有层共用一条 x 轴，梯度逐层变小一目了然。逐层：每一行使用自己的范围，并标注在该行上。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export current plot as PNG or SVG…</source>
        <translation>将当前图表导出为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>Export training records as CSV…</source>
        <translation>将训练记录导出为 CSV…</translation>
    </message>
    <message>
        <source>Export training records as JSON…</source>
        <translation>将训练记录导出为 JSON…</translation>
    </message>
    <message>
        <source>Export histogram timeline as animated GIF…</source>
        <translation>将直方图时间线导出为 GIF 动画…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>Start / pause training</source>
        <translation>开始 / 暂停训练</translation>
    </message>
    <message>
        <source>One training step</source>
        <translation>训练一步</translation>
    </message>
    <message>
        <source>Reset the run</source>
        <translation>重置训练</translation>
    </message>
    <message>
        <source>Previous preset</source>
        <translation>上一个预设</translation>
    </message>
    <message>
        <source>Next preset</source>
        <translation>下一个预设</translation>
    </message>
    <message>
        <source>Lecture &amp;guide to the presets</source>
        <translation>预设课堂指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About Activation Lab</source>
        <translation>关于 Activation Lab(&amp;A)</translation>
    </message>
</context>
</TS>
