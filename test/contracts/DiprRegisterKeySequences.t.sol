// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IDiprRegister} from "../../contracts/IDiprRegister.sol";
import {DiprRegisterBase} from "./support/DiprRegisterBase.sol";

/// @notice Random sequences of admissions, suspensions, reinstatements, key resets, grants, revocations,
/// renunciations and writes by random accounts (the registrar among them), checked after every step against a
/// model written from the rules alone: which calls succeed, who holds which office role, and that a record
/// changes only by a current signer of an admitted, active office. An office never admitted has no record.
contract DiprRegisterKeySequencesTest is DiprRegisterBase {
    uint256 private constant STEPS = 64;
    uint256 private constant OFFICES = 3;
    uint256 private constant ACTORS = 5;
    uint32 private constant FILING_DATE = TODAY - 100;
    /// @dev Never admitted in any sequence.
    bytes2 private constant OUTSIDER = "ZZ";

    enum Status {
        None,
        Active,
        Suspended
    }

    /// @dev The model: per office, its status and who holds its admin and signer roles in the current epoch.
    Status[OFFICES] private status;
    mapping(uint256 office => mapping(address account => bool)) private isAdmin;
    mapping(uint256 office => mapping(address account => bool)) private isSigner;
    /// @dev actors[0] is the registrar; the others are plain accounts.
    address[ACTORS + 1] private actors;
    uint256 private serial;

    function setUp() public override {
        super.setUp();
        actors[0] = registrar;
        for (uint256 i = 1; i <= ACTORS; ++i) {
            actors[i] = makeAddr(string(abi.encodePacked("actor", bytes1(uint8(0x30 + i)))));
        }
    }

    function testFuzz_RandomKeySequencesFollowTheRules(uint256 seed) public {
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 op = r % 10;
            uint256 o = (r >> 8) % OFFICES;
            address caller = actors[(r >> 16) % (ACTORS + 1)];
            // Half the calls come from the account the rules favour, or most sequences would never get far.
            if ((r >> 32) % 2 == 0) caller = _likelyCaller(op, o, r >> 40);
            address subject = actors[(r >> 24) % (ACTORS + 1)];
            _step(op, o, caller, subject);
            _checkModel();
        }
    }

    function _step(uint256 op, uint256 o, address caller, address subject) private {
        if (op <= 3) _registrarStep(op, o, caller, subject);
        else if (op <= 7) _keyStep(op, o, caller, subject);
        else if (op == 8) _write(o, caller);
        else _outsiderStep(caller, subject);
    }

    function _registrarStep(uint256 op, uint256 o, address caller, address subject) private {
        bytes2 office = _code(o);
        bool isRegistrar = caller == registrar;
        if (op == 0) {
            bool ok = _call(caller, abi.encodeCall(register.admitOffice, (office, "Office", subject)));
            _expect(ok, isRegistrar && status[o] == Status.None && subject != registrar, "admitOffice");
            if (ok) {
                status[o] = Status.Active;
                isAdmin[o][subject] = true;
            }
        } else if (op == 1) {
            bool ok = _call(caller, abi.encodeCall(register.suspendOffice, (office)));
            _expect(ok, isRegistrar && status[o] != Status.None, "suspendOffice");
            if (ok) status[o] = Status.Suspended;
        } else if (op == 2) {
            bool ok = _call(caller, abi.encodeCall(register.reinstateOffice, (office)));
            _expect(ok, isRegistrar && status[o] != Status.None, "reinstateOffice");
            if (ok) status[o] = Status.Active;
        } else {
            bool ok = _call(caller, abi.encodeCall(register.resetOfficeKeys, (office, subject)));
            _expect(ok, isRegistrar && status[o] == Status.Suspended && subject != registrar, "resetOfficeKeys");
            if (ok) {
                for (uint256 i = 0; i <= ACTORS; ++i) {
                    isAdmin[o][actors[i]] = false;
                    isSigner[o][actors[i]] = false;
                }
                isAdmin[o][subject] = true;
            }
        }
    }

    function _keyStep(uint256 op, uint256 o, address caller, address subject) private {
        bytes2 office = _code(o);
        if (op == 4) {
            bool ok = _call(caller, abi.encodeCall(register.grantSigner, (office, subject)));
            _expect(ok, isAdmin[o][caller] && status[o] == Status.Active && subject != registrar, "grantSigner");
            if (ok) isSigner[o][subject] = true;
        } else if (op == 5) {
            bool ok = _call(caller, abi.encodeCall(register.revokeSigner, (office, subject)));
            _expect(ok, isAdmin[o][caller], "revokeSigner");
            if (ok) isSigner[o][subject] = false;
        } else if (op == 6) {
            bytes32 role = register.adminRole(office);
            bool ok = _call(caller, abi.encodeCall(register.grantRole, (role, subject)));
            // Before admission the role's admin is the registrar role, and the grant is refused as unknown.
            _expect(ok, isAdmin[o][caller] && status[o] == Status.Active && subject != registrar, "grantRole");
            if (ok) isAdmin[o][subject] = true;
        } else {
            bool asAdmin = uint160(subject) % 2 == 0;
            bytes32 role = asAdmin ? register.adminRole(office) : register.signerRole(office);
            bool ok = _call(caller, abi.encodeCall(register.renounceRole, (role, caller)));
            _expect(ok, true, "renounceRole");
            if (asAdmin) isAdmin[o][caller] = false;
            else isSigner[o][caller] = false;
        }
    }

    /// Grants and writes for an office that is never admitted: all refused, no record.
    function _outsiderStep(address caller, address subject) private {
        bytes32 role = register.signerRole(OUTSIDER);
        _expect(_call(caller, abi.encodeCall(register.grantRole, (role, subject))), false, "grant outsider");
        bytes32 number = _nextNumber();
        IDiprRegister.ApplicationInput memory application = _application(number, FILING_DATE, _noClaims());
        bool ok = _call(caller, abi.encodeCall(register.registerApplication, (OUTSIDER, application)));
        _expect(ok, false, "write outsider");
        _assertUnregistered(register.applicationId(OUTSIDER, number), "no outsider record");
    }

    /// The registrar for a registrar act, a modelled admin of the office for a key grant or revocation, a
    /// modelled signer for a write; any actor when the model has none.
    function _likelyCaller(uint256 op, uint256 o, uint256 r) private view returns (address) {
        if (op <= 3) return registrar;
        for (uint256 i = 0; i <= ACTORS; ++i) {
            address a = actors[(r + i) % (ACTORS + 1)];
            if ((op >= 4 && op <= 6 && isAdmin[o][a]) || (op == 8 && isSigner[o][a])) return a;
        }
        return actors[r % (ACTORS + 1)];
    }

    /// A registration, then a correction of it, each allowed exactly for a current signer of an active office.
    function _write(uint256 o, address caller) private {
        bytes2 office = _code(o);
        bool allowed = status[o] == Status.Active && isSigner[o][caller];
        bytes32 number = _nextNumber();
        bytes32 id = register.applicationId(office, number);
        IDiprRegister.ApplicationInput memory application = _application(number, FILING_DATE, _noClaims());
        bool ok = _call(caller, abi.encodeCall(register.registerApplication, (office, application)));
        _expect(ok, allowed, "registerApplication");
        bytes32 recorded = bytes32(register.getApplication(id).office);
        assertEq(recorded, ok ? bytes32(office) : bytes32(0), "record by its office");
        if (ok) _correctAsEveryActor(o, id);
    }

    /// Every actor tries a correction of record `id` of office `o`: only its current signers succeed, and a
    /// refused correction changes nothing.
    function _correctAsEveryActor(uint256 o, bytes32 id) private {
        bytes memory correction = abi.encodeCall(register.correctIpType, (id, uint8(IDiprRegister.IpType.Trademark)));
        for (uint256 i = 0; i <= ACTORS; ++i) {
            address other = actors[i];
            bytes32 before = _recordHash(id);
            bool corrected = _call(other, correction);
            _expect(corrected, isSigner[o][other], "correctIpType");
            if (!corrected) assertEq(_recordHash(id), before, "record unchanged by a refused write");
        }
    }

    /// The contract's roles equal the model's, for every office and actor; the registrar never holds one.
    function _checkModel() private view {
        for (uint256 o = 0; o < OFFICES; ++o) {
            bytes2 office = _code(o);
            assertEq(uint256(register.officeStatus(office)), uint256(status[o]), "status");
            bytes32 adminRole = register.adminRole(office);
            bytes32 signerRole = register.signerRole(office);
            for (uint256 i = 0; i <= ACTORS; ++i) {
                address a = actors[i];
                assertTrue(register.hasRole(adminRole, a) == isAdmin[o][a], "admin role as modelled");
                assertTrue(register.hasRole(signerRole, a) == isSigner[o][a], "signer role as modelled");
            }
            assertTrue(!isAdmin[o][registrar] && !isSigner[o][registrar], "registrar holds no office role");
        }
        assertEq(uint256(register.officeStatus(OUTSIDER)), 0, "outsider never admitted");
    }

    function _call(address caller, bytes memory data) private returns (bool ok) {
        vm.prank(caller);
        // A low-level call, so a refused step is an outcome to compare with the model, not a failed test.
        // solhint-disable-next-line avoid-low-level-calls
        (ok,) = address(register).call(data);
    }

    function _expect(bool actual, bool expected, string memory what) private pure {
        assertTrue(actual == expected, what);
    }

    function _code(uint256 o) private pure returns (bytes2) {
        return bytes2(abi.encodePacked(bytes1(uint8(0x41 + o)), bytes1(uint8(0x41 + o))));
    }

    function _nextNumber() private returns (bytes32) {
        ++serial;
        return bytes32(abi.encodePacked("2026", _digit(serial / 100), _digit(serial / 10), _digit(serial)));
    }

    function _digit(uint256 value) private pure returns (bytes1) {
        return bytes1(uint8(0x30 + value % 10));
    }
}
