/// A candlestick price chart with indicator lines and trade markers that zooms and pans in the browser: the
/// data goes into the report as JSON and a small script of our own (no library, nothing loaded from the
/// network) draws it as SVG. Wheel or the buttons zoom around the pointer, dragging pans, double-click resets;
/// `#ID=FROM,TO` in the address (ISO dates) opens it on that range. Trades are thinned to at most about 80
/// markers in the visible range, so dense runs stay readable at every zoom.
public struct CandleChart: Sendable {
    /// One candle: open time (nanoseconds) and prices.
    public struct Candle: Sendable {
        public let time: Int64
        public let open: Double
        public let high: Double
        public let low: Double
        public let close: Double

        public init(time: Int64, open: Double, high: Double, low: Double, close: Double) {
            self.time = time
            self.open = open
            self.high = high
            self.low = low
            self.close = close
        }
    }

    /// An indicator line: one value per candle (NaN where it has none).
    public struct Line: Sendable {
        public let name: String
        public let color: String
        public let values: [Double]

        public init(name: String, color: String, values: [Double]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    /// A round trip to mark: entry ▲ (green long, red short) and exit ▼.
    public struct Trade: Sendable {
        public let entryTime: Int64
        public let entryPrice: Double
        public let exitTime: Int64
        public let exitPrice: Double
        public let long: Bool

        public init(entryTime: Int64, entryPrice: Double, exitTime: Int64, exitPrice: Double, long: Bool) {
            self.entryTime = entryTime
            self.entryPrice = entryPrice
            self.exitTime = exitTime
            self.exitPrice = exitPrice
            self.long = long
        }
    }

    public let id: String
    public let candles: [Candle]
    public let lines: [Line]
    public let trades: [Trade]
    /// Decimals of the price labels.
    public let decimals: Int

    public init(id: String, candles: [Candle], lines: [Line], trades: [Trade], decimals: Int) {
        self.id = id
        self.candles = candles
        self.lines = lines
        self.trades = trades
        self.decimals = max(0, min(8, decimals))
    }

    /// The chart's container, its data and, once per page, the script (``script``).
    public var html: String {
        func number(_ value: Double) -> String { value.isFinite ? JSONValue.double(value).serialized() : "null" }
        var data = "{\"d\":\(decimals),\"t\":["
        data += candles.map { String($0.time / 1_000_000) }.joined(separator: ",")
        data += "],\"o\":[" + candles.map { number($0.open) }.joined(separator: ",")
        data += "],\"h\":[" + candles.map { number($0.high) }.joined(separator: ",")
        data += "],\"l\":[" + candles.map { number($0.low) }.joined(separator: ",")
        data += "],\"c\":[" + candles.map { number($0.close) }.joined(separator: ",") + "],\"lines\":["
        data += lines.map { line in
            String(
                JSONValue.object([("name", .string(line.name)), ("color", .string(line.color))])
                    .serialized(compact: true).dropLast()
            ) + ",\"v\":[" + line.values.map(number).joined(separator: ",") + "]}"
        }.joined(separator: ",")
        data += "],\"trades\":["
        data += trades.map { trade in
            "[\(trade.entryTime / 1_000_000),\(number(trade.entryPrice)),\(trade.exitTime / 1_000_000),\(number(trade.exitPrice)),\(trade.long ? 1 : -1)]"
        }.joined(separator: ",")
        data += "]}"
        // `</` cannot end the script element early: a slash occurs only inside strings here, where JSON
        // allows `\/`.
        var safe = ""
        for character in data {
            if character == "/" { safe += "\\/" } else { safe.append(character) }
        }
        var legend = "<div class=\"legend\">"
        for line in lines {
            legend += "<span><i style=\"background:\(line.color)\"></i>\(HTML.escape(line.name))</span>"
        }
        legend +=
            "<span>▲ entry (green long, red short)</span><span>▼ exit</span>"
            + "<span class=\"zoom\"><button type=\"button\" data-zoom=\"in\">+</button>"
            + "<button type=\"button\" data-zoom=\"out\">−</button><button type=\"button\" data-zoom=\"reset\">all</button></span>"
            + "<span class=\"range\"></span></div>"
        return legend + "<div class=\"candle-chart\" id=\"\(HTML.escape(id))\" data-chart=\"\(HTML.escape(id))-data\">"
            + "<noscript>The price chart needs JavaScript.</noscript></div>"
            + "<script type=\"application/json\" id=\"\(HTML.escape(id))-data\">\(safe)</script>\n"
    }

    /// The script that draws every `.candle-chart` on the page; include it once, after the charts.
    public static let script = """
        <script>
        (function(){
        "use strict";
        var W=1000,H=380,L=70,R=10,T=10,B=24;
        function fmt(v,d){return v.toLocaleString("en-US",{minimumFractionDigits:d,maximumFractionDigits:d});}
        function date(ms,span){var s=new Date(ms).toISOString();return span>3*86400000?s.slice(0,10):s.slice(5,16).replace("T"," ");}
        function draw(box,data,state){
          var lo=state.lo,hi=state.hi,n=hi-lo;if(n<1){box.innerHTML="";return;}
          var min=Infinity,max=-Infinity,i,k;
          for(i=lo;i<hi;i++){if(data.l[i]<min)min=data.l[i];if(data.h[i]>max)max=data.h[i];}
          data.lines.forEach(function(line){for(i=lo;i<hi;i++){var v=line.v[i];if(v!==null){if(v<min)min=v;if(v>max)max=v;}}});
          if(!(max>min)){min-=1;max+=1;}var pad=(max-min)*0.04;min=min>=0?Math.max(0,min-pad):min-pad;max+=pad;
          var pw=W-L-R,ph=H-T-B,step=pw/n;
          function x(j){return L+(j-lo+0.5)*step;}
          function y(v){return T+(1-(v-min)/(max-min))*ph;}
          var s=['<svg viewBox="0 0 '+W+' '+H+'" xmlns="http://www.w3.org/2000/svg">'];
          for(k=0;k<=4;k++){var gv=min+(max-min)*k/4,gy=y(gv).toFixed(1);
            s.push('<line x1="'+L+'" x2="'+(W-R)+'" y1="'+gy+'" y2="'+gy+'" stroke="#eef0f3"/>');
            s.push('<text class="axis" x="'+(L-6)+'" y="'+(+gy+4)+'" text-anchor="end">'+fmt(gv,data.d)+'</text>');}
          var span=data.t[hi-1]-data.t[lo],ticks=6;
          for(k=0;k<ticks;k++){var j=lo+Math.floor((n-1)*k/(ticks-1)),tx=x(j);
            var anchor=k===0?"start":k===ticks-1?"end":"middle";
            s.push('<text class="axis" x="'+tx.toFixed(1)+'" y="'+(H-6)+'" text-anchor="'+anchor+'">'+date(data.t[j],span)+'</text>');}
          var body=Math.max(1,step*0.7);
          for(i=lo;i<hi;i++){var o=data.o[i],c=data.c[i],up=c>=o,col=up?"#137333":"#b3261e",cx=x(i).toFixed(1);
            s.push('<line x1="'+cx+'" x2="'+cx+'" y1="'+y(data.h[i]).toFixed(1)+'" y2="'+y(data.l[i]).toFixed(1)+'" stroke="'+col+'" stroke-width="1"/>');
            var top=y(Math.max(o,c)),hgt=Math.max(1,Math.abs(y(o)-y(c)));
            s.push('<rect class="candle" x="'+(x(i)-body/2).toFixed(1)+'" y="'+top.toFixed(1)+'" width="'+body.toFixed(2)+'" height="'+hgt.toFixed(1)+'" fill="'+col+'"/>');}
          data.lines.forEach(function(line){var pts=[];
            for(i=lo;i<hi;i++){var v=line.v[i];if(v===null){if(pts.length>1)s.push('<polyline fill="none" stroke="'+line.color+'" stroke-width="1.4" points="'+pts.join(" ")+'"/>');pts=[];continue;}
              pts.push(x(i).toFixed(1)+","+y(v).toFixed(1));}
            if(pts.length>1)s.push('<polyline fill="none" stroke="'+line.color+'" stroke-width="1.4" points="'+pts.join(" ")+'"/>');});
          function index(ms){var a=0,b=data.t.length-1;while(a<b){var m=(a+b+1)>>1;if(data.t[m]<=ms)a=m;else b=m-1;}return a;}
          var t0=data.t[lo],t1=hi<data.t.length?data.t[hi]:Infinity,shown=data.trades.filter(function(tr){return tr[0]<t1&&tr[2]>=t0;});
          var every=Math.max(1,Math.ceil(shown.length/80));
          for(k=0;k<shown.length;k+=every){var tr=shown[k],ei=index(tr[0]),xi=index(tr[2]);
            if(ei>=lo&&ei<hi){var ex=x(ei),ey=y(tr[1]);s.push('<path d="M'+ex.toFixed(1)+' '+(ey+1).toFixed(1)+'l-4 7h8z" fill="'+(tr[4]>0?"#137333":"#b3261e")+'"><title>entry '+new Date(tr[0]).toISOString()+' @ '+fmt(tr[1],data.d)+'</title></path>');}
            if(xi>=lo&&xi<hi){var xx=x(xi),xy=y(tr[3]);s.push('<path d="M'+xx.toFixed(1)+' '+(xy-1).toFixed(1)+'l-4 -7h8z" fill="#e37400"><title>exit '+new Date(tr[2]).toISOString()+' @ '+fmt(tr[3],data.d)+'</title></path>');}}
          s.push("</svg>");box.innerHTML=s.join("");
          var label=box.previousElementSibling&&box.previousElementSibling.querySelector(".range");
          if(label)label.textContent=new Date(data.t[lo]).toISOString().slice(0,16).replace("T"," ")+" → "+new Date(data.t[hi-1]).toISOString().slice(0,16).replace("T"," ")+(every>1?" · 1 in "+every+" of "+shown.length+" trades marked":"");
        }
        function setup(box){
          var data=JSON.parse(document.getElementById(box.getAttribute("data-chart")).textContent);
          var total=data.t.length,state={lo:0,hi:total};
          function zoom(factor,at){var n=state.hi-state.lo,m=Math.max(10,Math.min(total,Math.round(n*factor)));
            var c=state.lo+at*n,lo=Math.round(c-at*m);lo=Math.max(0,Math.min(total-m,lo));state.lo=lo;state.hi=lo+m;draw(box,data,state);}
          function at(ev){var r=box.getBoundingClientRect(),f=(ev.clientX-r.left)/r.width*W;return Math.max(0,Math.min(1,(f-L)/(W-L-R)));}
          box.addEventListener("wheel",function(ev){ev.preventDefault();zoom(ev.deltaY<0?0.8:1.25,at(ev));},{passive:false});
          var drag=null;
          box.addEventListener("mousedown",function(ev){drag={x:ev.clientX,lo:state.lo,hi:state.hi};});
          window.addEventListener("mouseup",function(){drag=null;});
          box.addEventListener("mousemove",function(ev){if(!drag)return;var r=box.getBoundingClientRect(),n=drag.hi-drag.lo;
            var shift=Math.round((drag.x-ev.clientX)/r.width*W/((W-L-R)/n));var lo=Math.max(0,Math.min(total-n,drag.lo+shift));
            if(lo!==state.lo){state.lo=lo;state.hi=lo+n;draw(box,data,state);}});
          box.addEventListener("dblclick",function(){state.lo=0;state.hi=total;draw(box,data,state);});
          var bar=box.previousElementSibling;
          if(bar)bar.querySelectorAll("button[data-zoom]").forEach(function(b){b.addEventListener("click",function(){
            var z=b.getAttribute("data-zoom");if(z==="reset"){state.lo=0;state.hi=total;draw(box,data,state);}else zoom(z==="in"?0.5:2,0.5);});});
          var m=new RegExp("[#&]"+box.id+"=([^&,]+),([^&]+)").exec(decodeURIComponent(location.hash));
          if(m){var a=Date.parse(m[1]),b=Date.parse(m[2]),lo=0,hi=total;
            while(lo<total&&data.t[lo]<a)lo++;while(hi>lo+1&&data.t[hi-1]>b)hi--;if(hi>lo){state.lo=lo;state.hi=hi;}}
          draw(box,data,state);
        }
        document.querySelectorAll(".candle-chart").forEach(setup);
        })();
        </script>
        """
}
