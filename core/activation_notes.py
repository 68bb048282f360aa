"""Strengths-and-weaknesses notes for each activation, in English and Simplified Chinese.

Every number quoted here is checked by computation in tests/core/test_activation_facts.py.
"""

NOTES: dict[str, tuple[str, str]] = {
    "identity": (
        "No non-linearity at all. Stacking layers of it collapses to one affine map "
        "W2(W1x + b1) + b2 = Wx + b, so a deep linear net can only draw straight decision "
        "boundaries. Its derivative is 1, so gradient size is set by the weights alone.",
        "完全没有非线性。层层叠加后仍等价于一个仿射变换 W2(W1x + b1) + b2 = Wx + b，"
        "所以再深的线性网络也只能画出直线决策边界。导数恒为 1，梯度大小完全由权重决定。",
    ),
    "sigmoid": (
        "Squashes any input into (0, 1), which reads as a probability: the natural choice "
        "for a binary output. As a hidden activation it hurts: f'(x) is at most 0.25 "
        "(at x = 0), so every sigmoid layer shrinks the backward signal at least fourfold "
        "(0.25^10 ≈ 1e-6 after ten layers), it saturates for |x| > 5 (f' < 0.007), and its "
        "outputs are all positive, which makes the next layer's weight updates zig-zag.",
        "把任意输入压缩到 (0, 1)，可以直接当作概率，适合二分类输出层。用在隐藏层则问题较多："
        "导数最大只有 0.25（在 x = 0 处），每经过一层反向信号至少缩小为四分之一"
        "（十层后 0.25^10 ≈ 1e-6）；|x| > 5 时进入饱和区（f' < 0.007）；"
        "输出恒为正、不以零为中心，使下一层权重的更新方向呈锯齿状。",
    ),
    "tanh": (
        "A rescaled sigmoid, tanh(x) = 2σ(2x) − 1: zero-centred with f'(0) = 1, so near "
        "zero it passes gradients on unchanged and trains better than sigmoid in hidden "
        "layers. It still saturates for |x| > 3, so with too large weights a deep tanh net "
        "stalls; Glorot & Bengio's normalized initialization (2010) was designed for it.",
        "tanh 是缩放平移后的 sigmoid：tanh(x) = 2σ(2x) − 1。以零为中心，f'(0) = 1，"
        "在零附近几乎原样传递梯度，作隐藏层时比 sigmoid 好训练。但 |x| > 3 时同样饱和，"
        "权重过大时深层 tanh 网络会停滞；Glorot 与 Bengio（2010）的归一化初始化正是为它设计的。",
    ),
    "relu": (
        "max(0, x): cheap, sparse, and f' = 1 for every active unit, so the activation "
        "itself never shrinks the gradient on the positive side. That removes the "
        "saturation of sigmoid and tanh, not every vanishing gradient: bad weight scales "
        "still shrink or blow up the signal (He et al. 2015 derived std √(2/fan_in) for it). "
        "A unit whose input is negative for every sample gets zero gradient and can never "
        "recover: 'dying ReLU', caused by a too-large learning rate or a negative bias.",
        "max(0, x)：计算便宜、输出稀疏，激活单元的导数恒为 1，正半轴上激活函数本身不会缩小梯度。"
        "它消除的是 sigmoid/tanh 的饱和问题，而不是所有梯度消失：权重尺度不当时信号仍会衰减或爆炸"
        "（He 等人 2015 年为它推导了标准差 √(2/fan_in) 的初始化）。"
        "若某个单元对所有样本的输入都为负，梯度恒为零、再也无法恢复，这就是“ReLU 死亡”，"
        "常由学习率过大或负偏置引起。",
    ),
    "leaky_relu": (
        "ReLU with a small slope a (0.01 by default) for x < 0: the gradient there is a, "
        "never zero, so a unit pushed to the negative side can still come back. It keeps "
        "ReLU's low cost; the gain over ReLU in practice is often small but it removes "
        "dead units.",
        "在 x < 0 时保留一个小斜率 a（默认 0.01）的 ReLU：负半轴梯度为 a 而不是零，"
        "被推到负侧的单元仍能恢复。计算量与 ReLU 相当；实际精度提升常常不大，但能避免死亡单元。",
    ),
    "prelu": (
        "Leaky ReLU whose negative slope is learned by gradient descent (He et al. 2015), "
        "here one slope per layer. It costs one extra parameter and lets the network choose "
        "how much of the negative side to keep; the curve shows the initial slope.",
        "负半轴斜率由梯度下降学习的 Leaky ReLU（He 等人 2015），此处每层一个斜率。"
        "只多一个参数，让网络自己决定保留多少负半轴信息；图中画的是初始斜率。",
    ),
    "rrelu": (
        "Randomized leaky ReLU: in training every negative input gets its own slope drawn "
        "uniformly from [l, u] (the shaded band), which acts as noise and regularizes; in "
        "evaluation the slope is fixed at the mean (l + u) / 2, the curve drawn here.",
        "随机化的 Leaky ReLU：训练时每个负输入的斜率从 [l, u] 中均匀随机抽取（阴影带），"
        "相当于加入噪声、起正则化作用；评估时斜率固定为均值 (l + u) / 2，即图中曲线。",
    ),
    "relu6": (
        "ReLU capped at 6, used in mobile networks (MobileNet) because a bounded output "
        "suits low-precision arithmetic. The cap adds a second flat region: for x > 6 the "
        "gradient is zero as well.",
        "上限为 6 的 ReLU，常用于移动端网络（如 MobileNet），有界输出便于低精度计算。"
        "上限带来第二个平坦区：x > 6 时梯度同样为零。",
    ),
    "elu": (
        "Identity for x > 0, α(eˣ − 1) below: negative outputs pull the mean activation "
        "towards zero and the gradient for x < 0 is αeˣ, not zero. Very negative inputs "
        "still saturate (to −α, gradient → 0), and it costs an exponential. The derivative "
        "is continuous at 0 only when α = 1.",
        "x > 0 时为恒等，x ≤ 0 时为 α(eˣ − 1)：负输出把激活均值拉向零，负半轴梯度为 αeˣ 而非零。"
        "输入很负时仍会饱和（趋于 −α，梯度趋于 0），且需要计算指数。只有 α = 1 时导数在 0 处连续。",
    ),
    "selu": (
        "ELU scaled by λ ≈ 1.0507 with α ≈ 1.6733, constants chosen so that, with LeCun "
        "normal initialization (std 1/√fan_in) and standardized inputs, activations are "
        "pulled towards mean 0 and variance 1 layer after layer: a self-normalizing network "
        "(Klambauer et al. 2017). The promise holds for plain fully connected layers with "
        "that initialization; for a standard normal input the mean output is exactly 0.",
        "把 ELU 乘以 λ ≈ 1.0507 并取 α ≈ 1.6733，这两个常数使得在 LeCun 正态初始化"
        "（标准差 1/√fan_in）和标准化输入下，各层激活的均值和方差逐层趋向 0 和 1，"
        "即自归一化网络（Klambauer 等人 2017）。这一性质只在全连接网络配合该初始化时成立；"
        "对标准正态输入，其输出均值恰好为 0。",
    ),
    "celu": (
        "ELU reparameterized as α(e^{x/α} − 1) for x ≤ 0, so the derivative is continuous "
        "at 0 for every α (it is e^{x/α} on the left, 1 at 0) and the slope never exceeds 1. "
        "α sets both how far it reaches below zero (−α) and how fast it gets there.",
        "对 ELU 的重新参数化：x ≤ 0 时为 α(e^{x/α} − 1)，因此对任意 α 导数在 0 处都连续"
        "（左侧为 e^{x/α}，在 0 处为 1），斜率不超过 1。α 同时决定负值下限（−α）和趋近速度。",
    ),
    "gelu": (
        "Weights the input by the probability that a standard normal variable lies below "
        "it: x·Φ(x). Smooth and slightly non-monotonic, with a dip to about −0.17 near "
        "x = −0.75; its slope peaks at about 1.13. The default activation of Transformers "
        "(BERT, GPT, ViT); it costs an erf.",
        "按“标准正态变量小于 x 的概率”对输入加权：x·Φ(x)。处处光滑，略微非单调，"
        "在 x ≈ −0.75 处下探到约 −0.17；斜率最大约 1.13。Transformer（BERT、GPT、ViT）"
        "的默认激活函数，需要计算误差函数 erf。",
    ),
    "gelu_tanh": (
        "The tanh approximation of GELU used in the original GPT-2 and BERT code: no erf "
        "needed, and it differs from the exact GELU by less than 0.0005 everywhere.",
        "GELU 的 tanh 近似，最初的 GPT-2 与 BERT 代码使用它：不需要 erf，与精确 GELU 的差处处小于 0.0005。",
    ),
    "silu": (
        "x·σ(x), the input gating itself. Smooth, non-monotonic (minimum about −0.278 at "
        "x ≈ −1.28), bounded below and unbounded above, with a peak slope of about 1.10. "
        "Found again by automated search as Swish (Ramachandran et al. 2017); used in "
        "EfficientNet and in the SwiGLU blocks of many language models.",
        "x·σ(x)，输入自己给自己加门控。光滑、非单调（在 x ≈ −1.28 处取最小值约 −0.278），"
        "下有界、上无界，最大斜率约 1.10。后来被自动搜索重新发现并命名为 Swish"
        "（Ramachandran 等人 2017）；EfficientNet 和许多语言模型的 SwiGLU 模块都用它。",
    ),
    "swish": (
        "x·σ(βx): β = 1 is SiLU, β → 0 tends to the straight line x/2 and large β tends "
        "to ReLU, so β slides between linear and ReLU-like. The derivative depends on βx "
        "only, so its peak (≈ 1.10) is the same for every β while the dip is −0.278/β.",
        "x·σ(βx)：β = 1 即 SiLU；β → 0 时趋于直线 x/2，β 很大时趋于 ReLU，"
        "β 在线性与类 ReLU 之间连续调节。导数只依赖于 βx，所以最大斜率（≈ 1.10）与 β 无关，"
        "而最低点为 −0.278/β。",
    ),
    "hardswish": (
        "A piecewise-quadratic stand-in for Swish without any exponential (MobileNetV3): "
        "0 below −3, x above 3, x(x + 3)/6 between. Cheap on phones; its slope runs from "
        "−0.5 to 1.5 across (−3, 3) and is exactly 0 for x < −3.",
        "不含指数运算的 Swish 分段二次近似（MobileNetV3）：x < −3 时为 0，x > 3 时为 x，"
        "中间为 x(x + 3)/6。在手机上计算便宜；在 (−3, 3) 上斜率从 −0.5 变到 1.5，x < −3 时恰为 0。",
    ),
    "hardsigmoid": (
        "A piecewise-linear sigmoid: slope 1/6 on (−3, 3) and exactly 0 outside. Cheap, "
        "but its gradient is even smaller than sigmoid's (1/6 < 0.25) and exactly zero "
        "once saturated.",
        "分段线性的 sigmoid：在 (−3, 3) 上斜率为 1/6，区间外恰为 0。计算便宜，"
        "但梯度比 sigmoid 还小（1/6 < 0.25），一旦饱和梯度就严格为零。",
    ),
    "mish": (
        "x·tanh(softplus(x)) (Misra 2019): smooth and non-monotonic like Swish, with a dip "
        "to about −0.309 and a peak slope of about 1.09. It needs exp, log and tanh, so it "
        "is one of the more expensive functions here.",
        "x·tanh(softplus(x))（Misra 2019）：与 Swish 类似，光滑且非单调，最低约 −0.309，"
        "最大斜率约 1.09。需要计算 exp、log 和 tanh，是这里计算最贵的函数之一。",
    ),
    "softplus": (
        "A smooth ReLU, ln(1 + e^{βx})/β. Its derivative is σ(βx): never exactly zero, so "
        "no unit dies, but below 0.5 for every negative input. Outputs are always positive "
        "(not zero-centred); large β approaches ReLU. The threshold is torch's numerical "
        "shortcut that returns x once βx is large.",
        "平滑版 ReLU：ln(1 + e^{βx})/β。导数为 σ(βx)，永远不会严格为零，因此不会有死亡单元，"
        "但对所有负输入导数都小于 0.5。输出恒为正（不以零为中心）；β 越大越接近 ReLU。"
        "threshold 是 torch 的数值捷径：βx 很大时直接返回 x。",
    ),
    "softsign": (
        "Like tanh, zero-centred with f'(0) = 1, but it approaches ±1 polynomially: "
        "f'(x) = 1/(1 + |x|)², which decays far more slowly than tanh's exponential tail, "
        "so large inputs still get some gradient.",
        "与 tanh 相似，以零为中心且 f'(0) = 1，但以多项式速度趋近 ±1："
        "f'(x) = 1/(1 + |x|)²，衰减远慢于 tanh 的指数尾部，较大的输入仍能得到一些梯度。",
    ),
    "hardtanh": (
        "Clips x to [a, b]: slope 1 inside, exactly 0 outside. The cheapest bounded "
        "activation; once an input leaves the band its gradient is gone, so weights must "
        "stay small.",
        "把 x 截断到 [a, b]：区间内斜率为 1，区间外恰为 0。最便宜的有界激活函数；"
        "输入一旦超出区间梯度就完全消失，因此要求权重保持较小。",
    ),
    "tanhshrink": (
        "x − tanh(x): nearly flat around 0 (it grows like x³/3, f'(0) = 0) and close to "
        "x − sign(x) far out. Small inputs get almost no gradient; it is rarely used as a "
        "hidden activation.",
        "x − tanh(x)：在 0 附近几乎平坦（按 x³/3 增长，f'(0) = 0），远处接近 x − sign(x)。"
        "小输入几乎得不到梯度，很少用作隐藏层激活。",
    ),
    "softshrink": (
        "Soft thresholding: zero on [−λ, λ] and moved towards zero by λ outside. It is the "
        "proximal step of an L1 penalty, used in sparse coding and denoising (ISTA); inputs "
        "in the band get zero gradient.",
        "软阈值：在 [−λ, λ] 上为零，区间外向零平移 λ。它是 L1 惩罚的近端算子，"
        "用于稀疏编码与去噪（ISTA）；落在区间内的输入梯度为零。",
    ),
    "hardshrink": (
        "Hard thresholding: keeps x when |x| > λ and zeroes it otherwise, so the function "
        "jumps at ±λ. Used for sparsity; inputs in the band get zero gradient.",
        "硬阈值：|x| > λ 时保留 x，否则置零，因此函数在 ±λ 处跳变。用于稀疏化；"
        "落在区间内的输入梯度为零。",
    ),
    "logsigmoid": (
        "ln σ(x) = −softplus(−x), always negative. It belongs in losses and "
        "log-probabilities, where computing it directly avoids log(0); its derivative "
        "σ(−x) is 1 for very negative x and vanishes for large x.",
        "ln σ(x) = −softplus(−x)，恒为负。主要用于损失函数和对数概率中，"
        "直接计算可避免 log(0)；导数 σ(−x) 在 x 很负时为 1，在 x 很大时趋于 0。",
    ),
}
