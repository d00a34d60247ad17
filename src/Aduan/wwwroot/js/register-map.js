// The public maps: the register's and the home page's (#register-map: the reports' places from
// data-points, rounded to about 100 m by the server) and a report page's (#report-map: one place).
// The pages load Leaflet before this script. A marker's colour follows the report's status, and
// never alone: its pop-up says the status in words, and the page lists the colours in a legend.
(function () {
  'use strict';
  var list = document.getElementById('register-map');
  var one = document.getElementById('report-map');
  if ((!list && !one) || !window.L) { return; }

  // The same colours as the legend's (.legend .status-* in site.css).
  var colours = {
    Dispatched: '#0b5394', InProgress: '#8a5300', FollowedUp: '#6a3d9a', Resolved: '#1e6b2e', Referred: '#4a4a4a'
  };

  function marker(at, status) {
    return L.circleMarker(at, {
      radius: 8, weight: 2, color: '#ffffff', fillColor: colours[status] || '#4a4a4a', fillOpacity: 0.9
    });
  }

  function popup(title, href, statusLabel, place) {
    var box = document.createElement('div');
    var heading = document.createElement(href ? 'a' : 'strong');
    if (href) { heading.href = href; }
    heading.textContent = title;
    box.appendChild(heading);
    var meta = document.createElement('div');
    meta.textContent = [statusLabel, place].filter(Boolean).join(' · ');
    box.appendChild(meta);
    return box;
  }

  function base(el, at, zoom) {
    el.textContent = '';
    var map = L.map(el).setView(at, zoom);
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
    return map;
  }

  if (one) {
    var at = [parseFloat(one.dataset.markerLat), parseFloat(one.dataset.markerLng)];
    var map = base(one, at, parseInt(one.dataset.zoom, 10));
    marker(at, one.dataset.status)
      .bindPopup(popup(one.dataset.title, null, one.dataset.statusLabel, null)).addTo(map);
  }

  if (list) {
    var d = list.dataset;
    var all = base(list, [parseFloat(d.lat), parseFloat(d.lng)], parseInt(d.zoom, 10));
    fetch(d.points, { headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (data) {
        var bounds = [];
        data.features.forEach(function (f) {
          var c = f.geometry.coordinates, p = f.properties;
          marker([c[1], c[0]], p.status)
            .bindPopup(popup(p.title || p.code, '/laporan/' + encodeURIComponent(p.code), p.statusLabel, p.kecamatan))
            .addTo(all);
          bounds.push([c[1], c[0]]);
        });
        if (bounds.length > 0) { all.fitBounds(bounds, { maxZoom: 15 }); }
        list.dataset.loaded = String(bounds.length);
      });
  }
}());
