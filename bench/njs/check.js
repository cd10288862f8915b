// In-process HS256 check for nginx's njs 0.7.9: the comparison point of SPEC §9.
// The same work as the sidecar's valid-token path: take the token from the cookie
// (or Authorization: Bearer), split, HMAC-SHA256 over "header.payload", compare,
// decode and JSON.parse header and payload, check alg, exp and the tenant of the host.
// The secret comes from the environment (`env JWT_SECRET;` in nginx.conf).
const crypto = require('crypto');

// Host -> tenant, as the sidecar's tenant files say (Tests/EndToEnd/tenants/shop.yaml).
const TENANTS = { 'shop.example.net': 'shop', 'login.example.net': 'shop' };

function token(r) {
    let t = r.variables['cookie_uitsmijter-sso'];
    if (t) return t;
    const a = r.headersIn['Authorization'];
    if (a && a.startsWith('Bearer ')) return a.substring(7);
    return null;
}

function decode(part) {
    return JSON.parse(Buffer.from(part, 'base64url').toString());
}

// Returns the token when it is valid, else "".
function verify(r) {
    const t = token(r);
    if (!t) return '';
    const parts = t.split('.');
    if (parts.length !== 3) return '';
    const key = process.env.JWT_SECRET;
    const mac = crypto.createHmac('sha256', key).update(parts[0] + '.' + parts[1]).digest('base64url');
    if (mac !== parts[2]) return '';
    let header, claims;
    try {
        header = decode(parts[0]);
        claims = decode(parts[1]);
    } catch (e) {
        return '';
    }
    if (header.alg !== 'HS256') return '';
    if (typeof claims.exp !== 'number' || claims.exp <= Date.now() / 1000) return '';
    const host = (r.headersIn['Host'] || '').split(':')[0].toLowerCase();
    const tenant = TENANTS[host];
    if (!tenant || claims.tenant !== tenant) return '';
    return t;
}

// auth_request target: `location = /_njs { internal; js_content check.auth; }`.
function auth(r) {
    const t = verify(r);
    if (!t) {
        r.return(401);
        return;
    }
    r.headersOut['Authorization'] = 'Bearer ' + t;
    r.return(204);
}

// js_set variable: "Bearer <token>" or "" (no subrequest at all).
function bearer(r) {
    const t = verify(r);
    return t ? 'Bearer ' + t : '';
}

export default { auth, bearer };
